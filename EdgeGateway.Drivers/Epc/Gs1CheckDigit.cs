namespace EdgeGateway.Drivers.Epc;

/// <summary>GS1 General Specifications §7.9 check digit: weights 3,1,3,... from the rightmost data digit, modulo 10.</summary>
public static class Gs1CheckDigit
{
    public static char Compute(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var weight = 3;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            sum += (digits[i] - '0') * weight;
            weight = weight == 3 ? 1 : 3;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
