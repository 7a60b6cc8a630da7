using System.Diagnostics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// A test CA and a server certificate for localhost/127.0.0.1 signed by it, plus a second, unrelated CA,
/// made with the openssl command line into a temp dir (as .ci/run would on a fresh machine).
/// </summary>
public sealed class MosquittoCertificates : IDisposable
{
    private readonly TempDirectory _dir = new();

    private MosquittoCertificates()
    {
    }

    public string Directory => _dir.Path;

    public string CaFile => _dir.File("ca.pem");

    public string ServerCertificateFile => _dir.File("server.pem");

    public string ServerKeyFile => _dir.File("server.key");

    /// <summary>A CA that signed nothing the broker presents.</summary>
    public string UnknownCaFile => _dir.File("unknown-ca.pem");

    public static async Task<MosquittoCertificates> CreateAsync(CancellationToken cancellationToken)
    {
        var certificates = new MosquittoCertificates();
        try
        {
            File.WriteAllText(certificates._dir.File("server.ext"),
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
            string[] ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
            string[] caExtensions = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];
            await certificates.OpenSslAsync(["req", "-x509", .. ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=edgegw test CA", .. caExtensions], cancellationToken);
            await certificates.OpenSslAsync(["req", "-x509", .. ec, "-keyout", "unknown-ca.key", "-out", "unknown-ca.pem", "-days", "2", "-subj", "/CN=some other CA", .. caExtensions], cancellationToken);
            await certificates.OpenSslAsync(["req", .. ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], cancellationToken);
            await certificates.OpenSslAsync(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"], cancellationToken);
            return certificates;
        }
        catch
        {
            certificates.Dispose();
            throw;
        }
    }

    public void Dispose() => _dir.Dispose();

    private async Task OpenSslAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("openssl", arguments)
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            MosquittoBroker.Unavailable($"openssl is not installed ({e.Message})");
            throw;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed: {await stderr}");
            }
        }
    }
}
