using System.CommandLine;
using System.Text.Json;
using Fabricish.Chaincode.Shim.Instruments;
using Fabricish.Cli.Connection;
using Fabricish.Client;

namespace Fabricish.Cli.Legal;

/// <summary><c>fabricish legal hash|verify</c>: the legal-prose side of instruments. An operator hashes the text it
/// publishes before the instrument is created; anyone holding a copy checks it against the hash on chain, which
/// the instrument's chaincode returns from <c>ReadLegalProse(id)</c> as <c>{uri, sha256}</c>.</summary>
public static class LegalCommand
{
    public static Command Create()
    {
        var command = new Command("legal", "Hash a legal text, or verify a local copy against an instrument's legal prose.");
        command.Subcommands.Add(CreateHash());
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreateHash()
    {
        var file = new Argument<string>("file") { Description = "The legal text, exactly as published." };
        var command = new Command("hash", "Print the SHA-256 (hex) of a legal text, as an instrument's legal_prose.sha256.");
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            byte[]? text = Read(parse, parse.GetRequiredValue(file));
            if (text is null)
            {
                return 1;
            }

            parse.InvocationConfiguration.Output.WriteLine(LegalProse.HashOf(text));
            return 0;
        });
        return command;
    }

    private static Command CreateVerify()
    {
        var file = new Argument<string>("file") { Description = "The local copy of the legal text." };
        var channel = new Option<string>("--channelID", "-C") { Description = "The channel the chaincode runs on.", Required = true };
        var name = new Option<string>("--name", "-n") { Description = "The instrument's chaincode.", Required = true };
        var instrument = new Option<string>("--instrument") { Description = "The instrument's id.", Required = true };
        var function = new Option<string>("--function") { Description = "The query returning {uri, sha256}.", DefaultValueFactory = _ => "ReadLegalProse" };
        var connection = new ConnectionOptions();
        var command = new Command("verify", "Check that a local legal text is the one an instrument on the ledger is bound to (exit 1 if not).");
        command.Arguments.Add(file);
        command.Options.Add(channel);
        command.Options.Add(name);
        command.Options.Add(instrument);
        command.Options.Add(function);
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            byte[]? text = Read(parse, parse.GetRequiredValue(file));
            if (text is null)
            {
                return 1;
            }

            using GatewaySession? session = GatewaySession.Open(connection.Resolver(parse), TimeSpan.FromSeconds(30), out string? error);
            if (session is null)
            {
                return Fail(parse, error!);
            }

            string id = parse.GetRequiredValue(instrument);
            LegalProse? prose;
            try
            {
                byte[] answer = await session.Gateway.GetNetwork(parse.GetRequiredValue(channel)).GetContract(parse.GetRequiredValue(name))
                    .EvaluateTransactionAsync(parse.GetRequiredValue(function), id).ConfigureAwait(false);
                prose = JsonSerializer.Deserialize<LegalProse>(answer);
            }
            catch (GatewayException e)
            {
                return Fail(parse, GatewayFailure.Describe(e, session.Peer));
            }
            catch (JsonException e)
            {
                return Fail(parse, $"the instrument's {parse.GetRequiredValue(function)} did not return {{uri, sha256}}: {e.Message}");
            }

            if (prose is null)
            {
                return Fail(parse, $"the instrument {id} returned no legal prose");
            }

            string local = LegalProse.HashOf(text);
            if (!prose.Matches(text))
            {
                return Fail(parse, $"the text's SHA-256 {local} differs from {prose.Sha256}, the legal prose of {id} (published at {prose.Uri})");
            }

            parse.InvocationConfiguration.Output.WriteLine($"the text matches the legal prose of {id}: sha256 {local}, published at {prose.Uri}");
            return 0;
        });
        return command;
    }

    private static byte[]? Read(ParseResult parse, string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(parse, $"cannot read {path}: {e.Message}");
            return null;
        }
    }

    private static int Fail(ParseResult parse, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish legal: {error}");
        return 1;
    }
}
