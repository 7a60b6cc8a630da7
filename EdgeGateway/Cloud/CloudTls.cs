using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace EdgeGateway.Cloud;

/// <summary>
/// TLS for a cloud connection (design.md §6): the server certificate must chain to the configured CA (or the
/// system store) and match the host name; there is no switch to accept anything else. Remembers why it
/// refused the last certificate, so the status and the log say more than "authentication failed".
/// </summary>
internal sealed class CloudTls
{
    private readonly string _host;
    private readonly string? _caFile;
    private readonly string? _certificateFile;
    private readonly string? _keyFile;
    private volatile string? _rejection;

    public CloudTls(string host, string? caFile, string? certificateFile, string? keyFile)
    {
        _host = host;
        _caFile = caFile;
        _certificateFile = certificateFile;
        _keyFile = keyFile;
    }

    /// <summary>Why the last server certificate was refused, or null.</summary>
    public string? Rejection => _rejection;

    public MqttClientTlsOptions Build()
    {
        _rejection = null;
        var builder = new MqttClientTlsOptionsBuilder().UseTls().WithTargetHost(_host);
        X509Certificate2Collection? trusted = null;
        if (_caFile is not null)
        {
            trusted = [];
            trusted.ImportFromPemFile(_caFile);
        }

        builder = builder.WithCertificateValidationHandler(args =>
        {
            _rejection = Check(args.Certificate, args.SslPolicyErrors, trusted);
            return _rejection is null;
        });
        if (_certificateFile is not null && _keyFile is not null)
        {
            SecretFile.EnsurePrivate(_keyFile);
            builder = builder.WithClientCertificates([X509Certificate2.CreateFromPemFile(_certificateFile, _keyFile)]);
        }

        return builder.Build();
    }

    /// <summary>Null when the certificate is trusted, else why not.</summary>
    internal string? Check(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trusted)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return $"the server at {_host} sent no certificate";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the server certificate ({certificate.Subject}) does not name {_host}";
        }

        if (trusted is null)
        {
            return errors == SslPolicyErrors.None ? null : $"the server certificate ({certificate.Subject}, issued by {certificate.Issuer}) is not trusted by the system store: {errors}";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (chain.Build(leaf))
        {
            return null;
        }

        var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return $"the server certificate ({leaf.Subject}, issued by {leaf.Issuer}) does not chain to the CA in {_caFile} ({status})";
    }

    /// <summary>A connect failure with the TLS reason in front, when TLS was what failed.</summary>
    public Exception Explain(Exception failure, string endpoint) =>
        Rejection is { } why
            ? new CloudUnavailableException($"TLS refused by edgegw: {why}", failure)
            : new CloudUnavailableException($"cannot connect to {endpoint}: {Innermost(failure)}", failure);

    private static string Innermost(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message = inner.Message;
        }

        return message;
    }
}
