using System.CommandLine;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Chaincode;

/// <summary>The switches <c>chaincode invoke</c> and <c>query</c> share, with Fabric's peer CLI names.</summary>
internal sealed class ChaincodeOptions
{
    public Option<string> Channel { get; } = new("--channelID", "-C") { Description = "The channel the chaincode runs on.", Required = true };

    public Option<string> Name { get; } = new("--name", "-n") { Description = "The chaincode's name.", Required = true };

    public Option<string> Ctor { get; } = new("--ctor", "-c")
    {
        Description = "The call as JSON: {\"Args\":[\"function\",\"arg\",...]} or {\"function\":\"function\",\"Args\":[...]}.",
        Required = true,
    };

    public Option<string> Transient { get; } = new("--transient") { Description = "Private inputs as JSON: {\"key\":\"base64 value\"}." };

    public Option<string[]> EndorsingOrganizations { get; } = new("--endorsing-organizations")
    {
        Description = "MSP IDs whose peers must endorse (the gateway's endorsing_organizations), e.g. to send transient data beyond the gateway's organization.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string> Output { get; } = OutputOption.Create();

    public ConnectionOptions Connection { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Channel);
        command.Options.Add(Name);
        command.Options.Add(Ctor);
        command.Options.Add(Transient);
        command.Options.Add(EndorsingOrganizations);
        command.Options.Add(Output);
        Connection.AddTo(command);
    }

    public bool IsJson(ParseResult parse) => parse.GetValue(Output) == OutputOption.Json;
}
