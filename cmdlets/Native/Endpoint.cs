namespace CaChain.Native
{
    // A server's address as libcachain reads what the user typed: host,
    // host:port, [IPv6]:port, a bare IPv6 address or a pasted URL.
    internal static class Endpoint
    {
        // "host:port" ("[::1]:636" for IPv6). A port written in name wins;
        // defaultPort applies when it gives none. Throws a CaChainException
        // naming name when it is not an address or its port is out of range.
        public static string Text(string name, int defaultPort)
        {
            Status status = NativeMethods.cachain_endpoint_parse(Utf8.ToNative(name), (uint)defaultPort, out EndpointHandle endpoint);
            using (endpoint)
            {
                CaChainException.ThrowIfFailed(status);
                return Utf8.FromNative(NativeMethods.cachain_endpoint_text(endpoint));
            }
        }

        // The host of a "host:port" or "[v6]:port" that Text returned: the
        // name a client connects with, and so checks the certificate for.
        public static string Host(string endpointText)
        {
            string host = endpointText.Substring(0, endpointText.LastIndexOf(':'));
            return host.StartsWith("[") ? host.Substring(1, host.Length - 2) : host;
        }
    }
}
