namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>The transaction context handed to contract functions, as fabric-contract-api's Context.</summary>
public sealed class Context
{
    private readonly Lazy<ClientIdentity> _clientIdentity;

    public Context(IChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        Stub = stub;
        _clientIdentity = new Lazy<ClientIdentity>(() => ClientIdentity.FromCreator(stub.GetCreator()));
    }

    public IChaincodeStub Stub { get; }

    /// <summary>The submitting client, decoded from the proposal's creator on first use.</summary>
    public ClientIdentity ClientIdentity => _clientIdentity.Value;
}
