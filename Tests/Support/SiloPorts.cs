using System.Net;
using System.Net.Sockets;

namespace Contact.Tests.Support;

/// <summary>
/// Ports for the servers tests start (silos, Kestrel, the Twilio stand-in), handed out once each:
/// from 10,000 up, below the range the kernel picks outgoing ports from and below the throwaway
/// PostgreSQL's, and checked free when handed out.
/// </summary>
public static class SiloPorts
{
    private static int next = 10_000 + Random.Shared.Next(8_000);

    public static IReadOnlyDictionary<string, string> Fresh() => new Dictionary<string, string>
    {
        ["Contact:Cluster:SiloPort"] = Free().ToString(),
        ["Contact:Cluster:GatewayPort"] = Free().ToString(),
    };

    public static int Free()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref next);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }
}
