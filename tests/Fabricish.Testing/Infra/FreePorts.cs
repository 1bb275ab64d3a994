using System.Net;
using System.Net.Sockets;

namespace Fabricish.Testing.Infra;

/// <summary>Free TCP ports on 127.0.0.1 for servers the tests start. They come from 10000–19999, below Linux's
/// ephemeral range (32768+): a port the kernel hands out for <c>bind(0)</c> can be taken as the source port of any
/// outgoing connection before the server that was meant to listen on it starts (seen as "address already in use" when
/// many tests run at once). 20000–31999 is left to <c>./fabricish up --base-port auto</c>.</summary>
public static class FreePorts
{
    private const int First = 10000;
    private const int Count = 10000;

    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Handed = [];

    /// <summary>Takes <paramref name="count"/> distinct ports that nothing listens on, never one this process handed
    /// out before (a server given it may not have bound yet).</summary>
    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        lock (Gate)
        {
            for (int attempt = 0; ports.Count < count; attempt++)
            {
                if (attempt > Count)
                {
                    throw new InvalidOperationException($"no free port left between {First} and {First + Count - 1}");
                }

                int port = First + Random.Shared.Next(Count);
                if (!Handed.Contains(port) && CanListen(port))
                {
                    Handed.Add(port);
                    ports.Add(port);
                }
            }
        }

        return [.. ports];
    }

    public static int Take() => Take(1)[0];

    private static bool CanListen(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
