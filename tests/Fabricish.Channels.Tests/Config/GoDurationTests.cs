using Fabricish.Channels.Config;

namespace Fabricish.Channels.Tests.Config;

public class GoDurationTests
{
    [Theory]
    [InlineData(2_000, "2s")]
    [InlineData(500, "500ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(0, "0s")]
    public void Formats_durations_as_go_duration_string_does(int milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("2s", 2_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("0", 0)]
    public void Parses_what_go_parse_duration_accepts(string text, int expectedMilliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out TimeSpan value));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), value);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2 s")]
    [InlineData("s")]
    [InlineData("2sec")]
    [InlineData("")]
    public void Rejects_what_go_parse_duration_rejects(string text) =>
        Assert.False(GoDuration.TryParse(text, out _));
}
