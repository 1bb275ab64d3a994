using Fabricish.Benchmarks.Network;

namespace Fabricish.Network.Tests;

/// <summary>The network bench names the commit stage's state write after the state database the peers run.</summary>
public class StateWriteLabelTests
{
    [Fact]
    public void A_network_on_embedded_state_is_not_said_to_write_to_CouchDB()
    {
        var embedded = new Dictionary<string, string> { ["Org1"] = "embedded", ["Org2"] = "embedded" };

        Assert.Equal("embedded state write", StateWriteLabel.Of(embedded));
        Assert.False(StateWriteLabel.AnyCouchDb(embedded));
    }

    [Fact]
    public void A_network_on_CouchDB_writes_to_CouchDB_and_a_mixed_one_says_which_org_writes_where()
    {
        var couch = new Dictionary<string, string> { ["Org1"] = "couchdb", ["Org2"] = "couchdb" };
        var mixed = new Dictionary<string, string> { ["Org2"] = "couchdb", ["Org1"] = "embedded" };

        Assert.Equal("CouchDB write", StateWriteLabel.Of(couch));
        Assert.Equal("state write: embedded state on Org1, CouchDB on Org2", StateWriteLabel.Of(mixed));
        Assert.True(StateWriteLabel.AnyCouchDb(mixed));
    }
}
