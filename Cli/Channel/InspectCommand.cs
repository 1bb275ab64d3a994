using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary><c>fabricish channel inspect</c>: configtxlator's <c>proto_decode --type common.Block</c>.</summary>
internal static class InspectCommand
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("block") { Description = "A block file (protobuf common.Block), e.g. a genesis block." };
        var command = new Command("inspect", "Print a block as JSON with its nested configuration decoded.") { file };
        command.SetAction(parse =>
        {
            TextWriter stderr = parse.InvocationConfiguration.Error;
            FileInfo path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                stderr.WriteLine($"fabricish channel inspect: {path.FullName} does not exist");
                return 1;
            }

            Block block;
            try
            {
                block = Block.Parser.ParseFrom(File.ReadAllBytes(path.FullName));
            }
            catch (InvalidProtocolBufferException e)
            {
                stderr.WriteLine($"fabricish channel inspect: {path.FullName} is not a block: {e.Message}");
                return 1;
            }

            if (block.Header is null)
            {
                stderr.WriteLine($"fabricish channel inspect: {path.FullName} is not a block: it has no header");
                return 1;
            }

            parse.InvocationConfiguration.Output.WriteLine(BlockJson.Render(block).ToJsonString(Indented));
            return 0;
        });
        return command;
    }
}
