using System.Net;
using System.Net.Sockets;

namespace Fabricish.Testing.Infra;

/// <summary>Free TCP ports on 127.0.0.1 for servers the tests start.</summary>
public static class FreePorts
{
    /// <summary>Takes <paramref name="count"/> distinct ports, holding every socket until all are chosen so the
    /// kernel cannot hand the same port out twice within one call.</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (TcpListener l in listeners)
            {
                l.Stop();
            }
        }
    }

    public static int Take() => Take(1)[0];
}
