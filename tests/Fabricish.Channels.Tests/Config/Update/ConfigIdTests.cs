using Fabricish.Channels.Config.Update;

namespace Fabricish.Channels.Tests.Config.Update;

/// <summary>The element names and mod_policy paths config updates may use, as Fabric's configtx allows them.</summary>
public sealed class ConfigIdTests
{
    [Theory]
    [InlineData("Org1MSP")]
    [InlineData("org-1.example.com")]
    [InlineData("...")]
    public void Letters_digits_dots_and_dashes_make_a_valid_name(string id) => Assert.Null(ConfigId.Validate(id));

    [Theory]
    [InlineData("", "config ID illegal, cannot be empty")]
    [InlineData("..", "name '..' for config ID is not allowed")]
    [InlineData("Org1_MSP", "config ID 'Org1_MSP' contains illegal characters")]
    [InlineData("Org1/MSP", "config ID 'Org1/MSP' contains illegal characters")]
    public void Other_names_are_refused_saying_why(string id, string reason) => Assert.Equal(reason, ConfigId.Validate(id));

    [Fact]
    public void A_name_longer_than_249_characters_is_refused() =>
        Assert.Equal("config ID illegal, cannot be longer than 249", ConfigId.Validate(new string('a', 250)));

    [Theory]
    [InlineData("Admins")]
    [InlineData("/Channel/Application/Admins")]
    [InlineData("Org1MSP/Admins")]
    public void Absolute_and_relative_policy_paths_are_valid_mod_policies(string modPolicy) => Assert.Null(ConfigId.ValidateModPolicy(modPolicy));

    [Theory]
    [InlineData("", "mod_policy not set")]
    [InlineData("/Channel//Admins", "path element at 1 is invalid: config ID illegal, cannot be empty")]
    [InlineData("Admins/", "path element at 1 is invalid: config ID illegal, cannot be empty")]
    public void Unusable_mod_policies_are_refused_naming_the_bad_element(string modPolicy, string reason) =>
        Assert.Equal(reason, ConfigId.ValidateModPolicy(modPolicy));
}
