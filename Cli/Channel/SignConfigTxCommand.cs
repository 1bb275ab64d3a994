using System.CommandLine;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary><c>fabricish channel signconfigtx -f update.pb</c>: Fabric's <c>peer channel signconfigtx</c>, appending
/// the caller's ConfigSignature to the update in the file, in place.</summary>
internal static class SignConfigTxCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The CONFIG_UPDATE envelope file, rewritten with the added signature.", Required = true };
        var identity = new ClientIdentityOptions();
        var command = new Command("signconfigtx", "Sign a channel config update (CONFIG_UPDATE envelope file) as the given admin.") { file };
        identity.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo path = parse.GetRequiredValue(file);
            (Envelope? envelope, string channelId, ConfigUpdateEnvelope? update, string? error) = await ConfigTxFile.ReadAsync(path, null, cancellationToken).ConfigureAwait(false);
            if (envelope is null)
            {
                return CommandFailure.Fail(parse, "signconfigtx", error!);
            }

            using SigningIdentity? signer = identity.Load(parse, out error);
            if (signer is null)
            {
                return CommandFailure.Fail(parse, "signconfigtx", error!);
            }

            Envelope signed = ConfigTx.SignAndWrap(channelId, update!, signer, DateTimeOffset.UtcNow);
            await File.WriteAllBytesAsync(path.FullName, signed.ToByteArray(), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> signers = ConfigTx.Signers(ConfigUpdateEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(signed.Payload).Data));
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"signed the config update for channel {channelId} as {signer.MspId} '{signer.Certificate.Subject}'; signatures now: {string.Join(", ", signers)}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
