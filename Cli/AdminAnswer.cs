namespace Fabricish.Cli;

/// <summary>A node admin API's answer: status 0 with an <see cref="Error"/> when the node could not be reached.</summary>
internal sealed record AdminAnswer(int StatusCode, string Body, string? Error)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
