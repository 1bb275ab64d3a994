namespace Fabricish.Protos.Tests;

/// <summary>Pins the gRPC paths and call types of the generated services to Fabric's, since clients and
/// peers route on the path alone.</summary>
public class ServicePathTests
{
    [Fact]
    public void Atomic_broadcast_service_uses_the_orderer_paths()
    {
        var binder = new RecordingServiceBinder();
        Orderer.AtomicBroadcast.BindService(binder, null!);
        Assert.Equal(
            ["/orderer.AtomicBroadcast/Broadcast DuplexStreaming", "/orderer.AtomicBroadcast/Deliver DuplexStreaming"],
            binder.Methods);
    }

    [Fact]
    public void Discovery_service_uses_fabrics_discover_path()
    {
        var binder = new RecordingServiceBinder();
        Discovery.Discovery.BindService(binder, null!);
        Assert.Equal(["/discovery.Discovery/Discover Unary"], binder.Methods);
    }

    [Fact]
    public void Endorser_service_uses_the_peer_path()
    {
        var binder = new RecordingServiceBinder();
        Peer.Endorser.BindService(binder, null!);
        Assert.Equal(["/protos.Endorser/ProcessProposal Unary"], binder.Methods);
    }

    [Fact]
    public void Deliver_service_uses_the_peer_event_paths()
    {
        var binder = new RecordingServiceBinder();
        Peer.Deliver.BindService(binder, null!);
        Assert.Equal(
            [
                "/protos.Deliver/Deliver DuplexStreaming",
                "/protos.Deliver/DeliverFiltered DuplexStreaming",
                "/protos.Deliver/DeliverWithPrivateData DuplexStreaming",
            ],
            binder.Methods);
    }

    [Fact]
    public void Chaincode_support_service_uses_the_shim_register_path()
    {
        var binder = new RecordingServiceBinder();
        Peer.ChaincodeSupport.BindService(binder, null!);
        Assert.Equal(["/protos.ChaincodeSupport/Register DuplexStreaming"], binder.Methods);
    }

    [Fact]
    public void Chaincode_service_uses_the_chaincode_as_a_service_connect_path()
    {
        var binder = new RecordingServiceBinder();
        Peer.Chaincode.BindService(binder, null!);
        Assert.Equal(["/protos.Chaincode/Connect DuplexStreaming"], binder.Methods);
    }

    [Fact]
    public void Gateway_service_uses_the_fabric_gateway_paths()
    {
        var binder = new RecordingServiceBinder();
        Gateway.Gateway.BindService(binder, null!);
        Assert.Equal(
            [
                "/gateway.Gateway/Endorse Unary",
                "/gateway.Gateway/Submit Unary",
                "/gateway.Gateway/CommitStatus Unary",
                "/gateway.Gateway/Evaluate Unary",
                "/gateway.Gateway/ChaincodeEvents ServerStreaming",
            ],
            binder.Methods);
    }
}
