namespace Liaison.Features.Officers;

/// <summary>
/// A labelled hotline number of a partner's desk (e.g. "Zahedan desk, 24 h"), set by an administrator on the partner
/// link: the number to call when no on-duty officer answers (issue 5 item 2).
/// </summary>
public sealed class Hotline(string label, string number)
{
    public string Label { get; private set; } = label;

    public string Number { get; private set; } = number;
}
