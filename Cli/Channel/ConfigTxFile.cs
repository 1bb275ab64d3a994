using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>Reads the CONFIG_UPDATE envelope file <c>-f</c> names, with the errors an operator can act on.</summary>
internal static class ConfigTxFile
{
    public static async Task<(Envelope? Envelope, string ChannelId, ConfigUpdateEnvelope? Update, string? Error)> ReadAsync(
        FileInfo file, string? channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Exists)
        {
            return (null, string.Empty, null, $"{file.FullName} does not exist");
        }

        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, string.Empty, null, $"{file.FullName} is not an envelope: {e.Message}");
        }

        var read = ConfigTx.Read(envelope, channelId, out string? error);
        return read is { } ok ? (envelope, ok.ChannelId, ok.Update, null) : (null, string.Empty, null, $"{file.FullName}: {error}");
    }
}
