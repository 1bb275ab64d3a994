namespace Fabricish.Channels.Crypto.Generation;

/// <summary>How many ordinary users (User1..UserN) to create besides Admin.</summary>
public sealed class UsersSpec
{
    public int Count { get; set; }
}
