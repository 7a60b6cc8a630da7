using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.Cloud;

/// <summary>
/// An IoT Hub shared access signature (IoT Hub docs, "Control access to IoT Hub", security tokens):
/// <c>SharedAccessSignature sr={URL-encoded resource URI}&amp;sig={URL-encoded base64 HMAC-SHA256}&amp;se={expiry}</c>,
/// signed with the base64-decoded device key over the URL-encoded resource URI, a newline and the expiry in
/// Unix seconds.
/// </summary>
public static class SasToken
{
    /// <param name="resourceUri">For a device: <c>{hostName}/devices/{deviceId}</c>.</param>
    /// <param name="key">The device's shared access key, base64 as the hub shows it.</param>
    public static string Create(string resourceUri, string key, DateTimeOffset expiry)
    {
        ArgumentNullException.ThrowIfNull(resourceUri);
        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("the IoT Hub shared access key is not base64: copy the device's primary key as the hub shows it", e);
        }

        var resource = Uri.EscapeDataString(resourceUri);
        var seconds = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(keyBytes, Encoding.UTF8.GetBytes($"{resource}\n{seconds}")));
        return $"SharedAccessSignature sr={resource}&sig={Uri.EscapeDataString(signature)}&se={seconds}";
    }
}
