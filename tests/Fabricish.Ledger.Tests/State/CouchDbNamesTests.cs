using Fabricish.Ledger.State.CouchDb;

namespace Fabricish.Ledger.Tests.State;

public sealed class CouchDbNamesTests
{
    [Fact]
    public void Namespace_upper_case_letters_become_dollar_and_lower_case_and_dots_become_dollar()
    {
        Assert.Equal("mychannel_$my$c$c", CouchDbNames.NamespaceDatabase("mychannel", "MyCC"));
        Assert.Equal("my$channel_basic$1", CouchDbNames.NamespaceDatabase("my.channel", "basic.1"));
        Assert.Equal("mychannel_", CouchDbNames.MetadataDatabase("mychannel"));
    }

    [Fact]
    public void Private_data_namespaces_keep_their_dollar_dollar_separator()
    {
        Assert.Equal("ch_cc$$pcoll$a", CouchDbNames.NamespaceDatabase("ch", "cc$$pcollA"));
    }

    [Fact]
    public void Over_long_names_are_truncated_and_made_unique_by_the_sha256_of_the_full_name()
    {
        string channel = "c" + new string('h', 99);
        string ns = new('n', 200);

        string name = CouchDbNames.NamespaceDatabase(channel, ns);
        string other = CouchDbNames.NamespaceDatabase(channel, ns + "x");

        Assert.True(name.Length <= 238);
        Assert.StartsWith(channel[..50] + "_" + ns[..50] + "(", name, StringComparison.Ordinal);
        Assert.Equal(50 + 1 + 50 + 1 + 64 + 1, name.Length);
        Assert.NotEqual(name, other);
        Assert.Equal(50 + 1 + 64 + 1 + 1, CouchDbNames.MetadataDatabase(new string('c', 239)).Length);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("1abc")]
    [InlineData("ch@nnel")]
    public void Channel_names_couchdb_cannot_hold_are_rejected(string channel)
    {
        Assert.Throws<ArgumentException>(() => CouchDbNames.MetadataDatabase(channel));
    }
}
