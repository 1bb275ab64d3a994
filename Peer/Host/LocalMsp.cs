using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Host;

/// <summary>The peer's local MSP (Fabric's mgmt.GetLocalMSP): the signing identity deliver requests are signed with,
/// and the verifying MSP of the peer's organization that decides who is an admin of this peer. Loaded when the host
/// starts, after the options were validated.</summary>
internal sealed class LocalMsp : IDisposable
{
    private readonly PeerOptions _options;
    private readonly ILogger<LocalMsp> _logger;
    private SigningIdentity? _signer;
    private readonly Lock _gate = new();
    private FabricMsp? _msp;

    public LocalMsp(IOptions<PeerOptions> options, ILogger<LocalMsp> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
    }

    public SigningIdentity Signer => _signer ?? throw new InvalidOperationException("the local MSP is not loaded yet");

    public string MspId => _options.MspId;

    public void Load()
    {
        lock (_gate)
        {
            if (_signer is not null)
            {
                return;
            }

            _msp = FabricMsp.Create(MspDirectory.LoadConfig(_options.MspDir, _options.MspId));
            _signer = MspDirectory.LoadSigningIdentity(_options.MspDir, _options.MspId, _options.MspKeyPassword);
            PeerLog.IdentityLoaded(_logger, _signer.MspId, _signer.Certificate.Subject, _options.MspDir);
        }
    }

    /// <summary>The signer, loading the MSP first if no one has yet (services resolved before the host starts).</summary>
    public SigningIdentity LoadedSigner()
    {
        Load();
        return Signer;
    }

    /// <summary>Fabric's local "Members" policy: the creator is a valid identity of this MSP. Returns the identity, or
    /// null with the reason it is not one.</summary>
    public IIdentity? AuthenticateMember(ReadOnlySpan<byte> serializedCreator, out string? reason)
    {
        FabricMsp msp = _msp ?? throw new InvalidOperationException("the local MSP is not loaded yet");
        IdentityResult result = msp.DeserializeIdentity(serializedCreator);
        reason = result.Identity is null ? $"creator is not a valid identity of {MspId}: {result.Error}" : null;
        return result.Identity;
    }

    /// <summary>Fabric's local "Admins" policy: the creator is a valid identity of this MSP with the admin role.
    /// Returns the identity, or null with the reason it is not an admin here.</summary>
    public IIdentity? AuthenticateAdmin(ReadOnlySpan<byte> serializedCreator, out string? reason)
    {
        if (AuthenticateMember(serializedCreator, out reason) is not { } identity)
        {
            return null;
        }

        var admin = new MSPPrincipal
        {
            PrincipalClassification = MSPPrincipal.Types.Classification.Role,
            Principal = new MSPRole { MspIdentifier = MspId, Role = MSPRole.Types.MSPRoleType.Admin }.ToByteString(),
        };
        PrincipalCheck check = identity.SatisfiesPrincipal(admin);
        reason = check.Satisfied ? null : $"creator is not an admin of {MspId}: {check.Reason}";
        return check.Satisfied ? identity : null;
    }

    public void Dispose() => _signer?.Dispose();
}
