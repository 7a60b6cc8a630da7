using System.Text;

namespace EdgeGateway.Alarms;

/// <summary>Alarm subjects built from free text (a location name, a lot), kept safe inside an MQTT topic level and an alarm id.</summary>
internal static class AlarmSubjects
{
    /// <summary><c>store room 3A</c> → <c>store-room-3A</c>: letters, digits, '-' and '_' only.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return slug.ToString();
    }
}
