using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Nurse call (alarms.callEscalation; docs/alarms.md). An escalated call is always high priority.</summary>
public sealed class CallEscalationAlarmOptions : IValidatableObject
{
    public bool Enabled { get; set; } = true;

    /// <summary>Of a call as it is raised.</summary>
    public AlarmPriority Priority { get; set; } = AlarmPriority.Medium;

    /// <summary>T1, T2, …: seconds after the press at which a call not cancelled at the bedside escalates.</summary>
    public List<int> EscalationSeconds { get; set; } = [120, 300];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < EscalationSeconds.Count; i++)
        {
            if (EscalationSeconds[i] is < 1 or > 86_400)
            {
                yield return new ValidationResult("must be 1..86400", [$"{nameof(EscalationSeconds)}[{i}]"]);
            }
            else if (i > 0 && EscalationSeconds[i] <= EscalationSeconds[i - 1])
            {
                yield return new ValidationResult("must be later than the one before", [$"{nameof(EscalationSeconds)}[{i}]"]);
            }
        }
    }
}
