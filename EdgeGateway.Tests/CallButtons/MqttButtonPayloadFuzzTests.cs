using System.Text;
using EdgeGateway.Drivers.CallButtons;

namespace EdgeGateway.Tests.CallButtons;

public sealed class MqttButtonPayloadFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        "{\"event\":\"pressed\"}"u8.ToArray(),
        "{\"event\":\"cancelled\",\"battery\":87}"u8.ToArray(),
        "PRESSED"u8.ToArray(),
        " cancelled\n"u8.ToArray(),
    ];

    private static readonly string[] Inserts = ["\"", "{", "}", "\\u0000", "é", "\uFFFD"];

    [Fact]
    public void A_hundred_thousand_random_and_mutated_payloads_never_throw_and_every_one_is_decoded_or_refused_with_a_reason()
    {
        var random = new Random(4242);
        int decoded = 0, refused = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var payload = i % 2 == 0 ? Random(random) : Mutate(random, Seeds[random.Next(Seeds.Length)]);

            if (MqttButtonPayload.TryDecode(payload, out var call, out var problem))
            {
                decoded++;
                Assert.True(call is CallButtonEvent.Pressed or CallButtonEvent.Cancelled);
            }
            else
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(problem));
                Assert.DoesNotContain('\0', MqttButtonPayload.Preview(payload));
            }
        }

        Assert.Equal(100_000, decoded + refused);
        Assert.True(decoded > 1000, $"mutations that keep a valid payload still decode ({decoded})");
        Assert.True(refused > 50_000, $"garbage is refused ({refused})");
    }

    private static byte[] Random(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        switch (random.Next(5))
        {
            case 0:
                bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes.RemoveRange(random.Next(bytes.Count), 1);
                break;
            case 2:
                bytes.InsertRange(random.Next(bytes.Count), Encoding.UTF8.GetBytes(Inserts[random.Next(Inserts.Length)]));
                break;
            case 3:
                return [.. bytes.Take(random.Next(bytes.Count))];
            default:
                // Unchanged: a valid payload must keep decoding.
                break;
        }

        return [.. bytes];
    }
}
