using System.Text.Json.Nodes;
using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>A config tree as configtxlator shows it: values decoded by their well-known key, MSPs with their
/// certificates as PEM, policies decoded by type; signature policies also carry their policydsl text under "dsl".</summary>
internal static class ConfigJson
{
    public static JsonObject Group(ConfigGroup group)
    {
        var groups = new JsonObject();
        foreach (var (name, child) in group.Groups)
        {
            groups[name] = Group(child);
        }

        var values = new JsonObject();
        foreach (var (key, value) in group.Values)
        {
            values[key] = new JsonObject
            {
                ["mod_policy"] = value.ModPolicy,
                ["value"] = Value(key, value.Value),
                ["version"] = value.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        var policies = new JsonObject();
        foreach (var (name, policy) in group.Policies)
        {
            policies[name] = new JsonObject
            {
                ["mod_policy"] = policy.ModPolicy,
                ["policy"] = policy.Policy is null ? null : Policy(policy.Policy),
                ["version"] = policy.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        return new JsonObject
        {
            ["groups"] = groups,
            ["mod_policy"] = group.ModPolicy,
            ["policies"] = policies,
            ["values"] = values,
            ["version"] = group.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static JsonNode? Value(string key, ByteString bytes) => key switch
    {
        ConfigKeys.HashingAlgorithm => ProtoJson.Decode(bytes, HashingAlgorithm.Parser),
        ConfigKeys.BlockDataHashingStructure => ProtoJson.Decode(bytes, BlockDataHashingStructure.Parser),
        ConfigKeys.OrdererAddresses or ConfigKeys.Endpoints => ProtoJson.Decode(bytes, OrdererAddresses.Parser),
        ConfigKeys.Consortium => ProtoJson.Decode(bytes, Consortium.Parser),
        ConfigKeys.Capabilities => ProtoJson.Decode(bytes, Capabilities.Parser),
        ConfigKeys.ConsensusType => ProtoJson.Decode(bytes, ConsensusType.Parser),
        ConfigKeys.BatchSize => ProtoJson.Decode(bytes, BatchSize.Parser),
        ConfigKeys.BatchTimeout => ProtoJson.Decode(bytes, BatchTimeout.Parser),
        ConfigKeys.KafkaBrokers => ProtoJson.Decode(bytes, KafkaBrokers.Parser),
        ConfigKeys.ChannelRestrictions => ProtoJson.Decode(bytes, ChannelRestrictions.Parser),
        ConfigKeys.AnchorPeers => ProtoJson.Decode(bytes, AnchorPeers.Parser),
        ConfigKeys.Msp => ProtoJson.Decode(bytes, MSPConfig.Parser, Msp),
        "ChannelCreationPolicy" => ProtoJson.Decode(bytes, Protos.Common.Policy.Parser, (p, j) => Expand(p, j)),
        _ => JsonValue.Create(ProtoJson.Base64(bytes)),
    };

    private static void Msp(MSPConfig msp, JsonObject json)
    {
        // Type 0 is Fabric's X.509 MSP; other types (idemix) stay as raw bytes.
        if (msp.Type != 0)
        {
            return;
        }

        json["config"] = ProtoJson.Decode(msp.Config, FabricMSPConfig.Parser, (c, j) =>
        {
            j["root_certs"] = ProtoJson.PemArray(c.RootCerts);
            j["intermediate_certs"] = ProtoJson.PemArray(c.IntermediateCerts);
            j["admins"] = ProtoJson.PemArray(c.Admins);
            j["revocation_list"] = ProtoJson.PemArray(c.RevocationList);
            j["tls_root_certs"] = ProtoJson.PemArray(c.TlsRootCerts);
            j["tls_intermediate_certs"] = ProtoJson.PemArray(c.TlsIntermediateCerts);
            if (c.SigningIdentity is not null && j["signing_identity"] is JsonObject signer)
            {
                signer["public_signer"] = ProtoJson.Pem(c.SigningIdentity.PublicSigner);
            }

            if (j["organizational_unit_identifiers"] is JsonArray ous)
            {
                for (int i = 0; i < ous.Count; i++)
                {
                    ((JsonObject)ous[i]!)["certificate"] = ProtoJson.Pem(c.OrganizationalUnitIdentifiers[i].Certificate);
                }
            }

            if (c.FabricNodeOus is not null && j["fabric_node_ous"] is JsonObject nodeOus)
            {
                NodeOu(nodeOus, "client_ou_identifier", c.FabricNodeOus.ClientOuIdentifier);
                NodeOu(nodeOus, "peer_ou_identifier", c.FabricNodeOus.PeerOuIdentifier);
                NodeOu(nodeOus, "admin_ou_identifier", c.FabricNodeOus.AdminOuIdentifier);
                NodeOu(nodeOus, "orderer_ou_identifier", c.FabricNodeOus.OrdererOuIdentifier);
            }
        });
    }

    private static void NodeOu(JsonObject nodeOus, string field, FabricOUIdentifier? identifier)
    {
        if (identifier is not null && nodeOus[field] is JsonObject json)
        {
            json["certificate"] = ProtoJson.Pem(identifier.Certificate);
        }
    }

    public static JsonObject Policy(Policy policy)
    {
        JsonObject json = ProtoJson.Object(policy);
        Expand(policy, json);
        return json;
    }

    private static void Expand(Policy policy, JsonObject json)
    {
        switch ((Policy.Types.PolicyType)policy.Type)
        {
            case Protos.Common.Policy.Types.PolicyType.Signature:
                json["value"] = ProtoJson.Decode(policy.Value, SignaturePolicyEnvelope.Parser, (e, j) =>
                {
                    if (j["identities"] is JsonArray ids)
                    {
                        for (int i = 0; i < ids.Count; i++)
                        {
                            ((JsonObject)ids[i]!)["principal"] = Principal(e.Identities[i]);
                        }
                    }

                    json["dsl"] = PolicyFormatter.Format(e);
                });
                break;
            case Protos.Common.Policy.Types.PolicyType.ImplicitMeta:
                json["value"] = ProtoJson.Decode(policy.Value, ImplicitMetaPolicy.Parser);
                break;
            default:
                break;
        }
    }

    private static JsonNode Principal(MSPPrincipal principal) => principal.PrincipalClassification switch
    {
        MSPPrincipal.Types.Classification.Role => ProtoJson.Decode(principal.Principal, MSPRole.Parser),
        MSPPrincipal.Types.Classification.OrganizationUnit => ProtoJson.Decode(principal.Principal, OrganizationUnit.Parser),
        MSPPrincipal.Types.Classification.Identity => ProtoJson.Decode(principal.Principal, SerializedIdentity.Parser, (id, j) => j["id_bytes"] = ProtoJson.Pem(id.IdBytes)),
        _ => JsonValue.Create(ProtoJson.Base64(principal.Principal)),
    };
}
