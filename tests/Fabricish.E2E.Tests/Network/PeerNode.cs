using System.Security.Cryptography.X509Certificates;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Infra;
using Grpc.Net.Client;

namespace Fabricish.E2E.Tests.Network;

/// <summary>A running peer process of one organization with its own pouchdb-server and gRPC clients.</summary>
public sealed class PeerNode : IAsyncDisposable
{
    private readonly GrpcChannel _grpc;
    private NodeProcess? _process;

    internal PeerNode(string mspId, string mspDir, int grpcPort, int operationsPort, PouchDbServer couchDb)
    {
        MspId = mspId;
        MspDir = mspDir;
        GrpcPort = grpcPort;
        OperationsPort = operationsPort;
        CouchDb = couchDb;
        Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Directory.GetFiles(Path.Combine(mspDir, "signcerts"))[0]));
        _grpc = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Endorser = new Protos.Peer.Endorser.EndorserClient(_grpc);
        Deliver = new Protos.Peer.Deliver.DeliverClient(_grpc);
        Operations = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operationsPort}"), Timeout = TimeSpan.FromSeconds(30) };
        StateDb = couchDb.CreateClient();
    }

    public string MspId { get; }

    /// <summary>The peer's local MSP folder, whose signcerts hold the certificate it endorses with.</summary>
    public string MspDir { get; }

    public int GrpcPort { get; }

    public int OperationsPort { get; }

    public X509Certificate2 Certificate { get; }

    public Protos.Peer.Endorser.EndorserClient Endorser { get; }

    public Protos.Peer.Deliver.DeliverClient Deliver { get; }

    public HttpClient Operations { get; }

    /// <summary>A client of this peer's own CouchDB-compatible state database server.</summary>
    public HttpClient StateDb { get; }

    internal PouchDbServer CouchDb { get; }

    internal NodeProcess Process => _process ?? throw new InvalidOperationException($"the {MspId} peer is not started");

    internal void Started(NodeProcess process) => _process = process;

    public string LogTail() => _process?.LogTail() ?? "(not started)";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _grpc.Dispose();
        Operations.Dispose();
        StateDb.Dispose();
        Certificate.Dispose();
        await CouchDb.DisposeAsync();
    }
}
