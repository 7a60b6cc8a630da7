namespace EdgeGateway.Tests.Fixtures;

/// <summary>A configuration file for a daemon started as a process in a test directory, with free ports.</summary>
public static class DaemonConfigFile
{
    /// <summary>Writes edgegw.json into <paramref name="dir"/>: data dir and admin socket inside it, plus <paramref name="sections"/>.</summary>
    /// <param name="localBrokerPort">The embedded broker's port, for a test that subscribes to it; 0 picks any.</param>
    public static string Write(TempDirectory dir, string sections, int localBrokerPort = 0)
    {
        ArgumentNullException.ThrowIfNull(dir);
        var path = dir.File("edgegw.json");
        File.WriteAllText(path, $$"""
            {
              "gateway": { "id": "ward-test", "dataDir": "{{dir.File("data")}}" },
              "admin": { "socketPath": "{{dir.File("admin.sock")}}" },
              "metrics": { "port": 0 },
              "localBroker": { "port": {{localBrokerPort}} },
              {{sections}}
            }
            """);
        return path;
    }
}
