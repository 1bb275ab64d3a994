namespace Fabricish.Peer.Events;

/// <summary>Settings of the peer's Deliver service.</summary>
internal sealed class EventsOptions
{
    /// <summary>How far a DELIVER_SEEK_INFO envelope's timestamp may be from the peer's clock, in either direction
    /// (Fabric's <c>peer.authentication.timewindow</c>); bounds how long a captured request can be replayed.</summary>
    public TimeSpan TimeWindow { get; set; } = TimeSpan.FromMinutes(15);
}
