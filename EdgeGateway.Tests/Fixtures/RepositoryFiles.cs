namespace EdgeGateway.Tests.Fixtures;

/// <summary>Files of the repository itself (docs, deploy), found from the test binaries' folder upwards.</summary>
public static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException($"no Gateway.sln above {AppContext.BaseDirectory}");
    }
}
