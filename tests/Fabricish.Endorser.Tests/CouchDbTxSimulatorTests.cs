using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Endorser.Tests;

/// <summary>The same simulations against pouchdb-server through the CouchDB state database.</summary>
public sealed class CouchDbTxSimulatorTests(PouchDbFixture fixture) : TxSimulatorBehaviour, IClassFixture<PouchDbFixture>, IDisposable
{
    // A small internal page makes range scans and queries cross CouchDB page boundaries.
    private static readonly CouchDbStateOptions Options = new() { InternalQueryLimit = 2 };

    private readonly HttpClient _http = fixture.Server.CreateClient();

    public void Dispose() => _http.Dispose();

    protected override IStateDatabase CreateFresh() => new CouchDbStateDatabase(_http, "sim" + Guid.NewGuid().ToString("N")[..12], Options);
}
