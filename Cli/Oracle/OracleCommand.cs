using System.CommandLine;
using Fabricish.Channels.Msp;
using Fabricish.Chaincode.Shim.Oracles;
using Fabricish.Cli.Channel;

namespace Fabricish.Cli.Oracle;

/// <summary><c>fabricish oracle sign</c>: the oracle's side of attestations. The oracle is an identity of an
/// organization's MSP (its msp folder); it signs observations from a feed, and clients attach the printed
/// attestation to the proposal as an argument of the chaincode function that consumes it.</summary>
public static class OracleCommand
{
    public static Command Create()
    {
        var command = new Command("oracle", "Sign observations as an oracle, for chaincode that verifies attestations.");
        command.Subcommands.Add(CreateSign());
        return command;
    }

    private static Command CreateSign()
    {
        var feed = new Option<string>("--feed") { Description = "The feed file: a JSON array (or JSON Lines) of {source, symbol, value, observed_at}.", Required = true };
        var symbol = new Option<string>("--symbol") { Description = "The symbol to attest, e.g. KOSPI200.", Required = true };
        var observedAt = new Option<string>("--observed-at")
        {
            Description = "Attest the observation made at this ISO 8601 time; default the feed's latest for the symbol.",
        };
        var identity = new ClientIdentityOptions();
        var command = new Command("sign", "Sign the symbol's observation from a feed file and print the attestation (JSON, one line).");
        command.Options.Add(feed);
        command.Options.Add(symbol);
        command.Options.Add(observedAt);
        identity.AddTo(command);
        command.SetAction(parse =>
        {
            List<Observation>? observations = OracleFeed.Read(parse.GetRequiredValue(feed), out string? error);
            if (observations is null)
            {
                return Fail(parse, error!);
            }

            string wanted = parse.GetRequiredValue(symbol);
            IEnumerable<Observation> candidates = observations.Where(o => o.Symbol == wanted);
            string? at = parse.GetValue(observedAt);
            if (at is not null)
            {
                if (!DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
                {
                    return Fail(parse, $"--observed-at '{at}' is not an ISO 8601 time");
                }

                candidates = candidates.Where(o => o.ObservedAt == time);
            }

            Observation? chosen = candidates.MaxBy(o => o.ObservedAt);
            if (chosen is null)
            {
                return Fail(parse, $"the feed has no observation of {wanted}{(at is null ? string.Empty : " at " + at)}");
            }

            using SigningIdentity? signer = identity.Load(parse, out error);
            if (signer is null)
            {
                return Fail(parse, error!);
            }

            parse.InvocationConfiguration.Output.WriteLine(OracleAttestation.Sign(chosen, signer.MspId, signer.Certificate, signer.Key).ToJson());
            return 0;
        });
        return command;
    }

    private static int Fail(ParseResult parse, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish oracle sign: {error}");
        return 1;
    }
}
