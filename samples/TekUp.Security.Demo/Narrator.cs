namespace TekUp.Security.Demo;

/// <summary>
/// Writes the demo's story. Colours and symbols only on an interactive terminal; plain ASCII text when output
/// is redirected to a file or a pipe (so CI logs and `> out.txt` stay readable).
/// </summary>
internal sealed class Narrator
{
    private readonly bool _rich = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private int _chapter;

    /// <summary>How many steps did not behave as the story expects; the demo exits non-zero when any did.</summary>
    public int Failures { get; private set; }

    public void Title(string text)
    {
        Console.WriteLine();
        Write(text, ConsoleColor.White);
        Console.WriteLine(new string('=', text.Length));
    }

    public void Chapter(string text)
    {
        _chapter++;
        Console.WriteLine();
        Write($"{_chapter}. {text}", ConsoleColor.Cyan);
        Console.WriteLine(new string('-', text.Length + 3));
    }

    public void Say(string text) => Console.WriteLine($"   {text}");

    public void Detail(string label, string value) => Console.WriteLine($"     {label,-22} {value}");

    public void Ok(string text) => Write($"   {(_rich ? "\u2714" : "[ok]")} {text}", ConsoleColor.Green);

    public void Refused(string text) => Write($"   {(_rich ? "\u2718" : "[refused]")} {text}", ConsoleColor.Yellow);

    public void Warn(string text) => Write($"   {(_rich ? "!" : "[warning]")} {text}", ConsoleColor.Magenta);

    public void Fail(string text)
    {
        Failures++;
        Write($"   {(_rich ? "\u2718" : "[FAILED]")} {text}", ConsoleColor.Red);
    }

    private void Write(string text, ConsoleColor color)
    {
        if (_rich)
        {
            Console.ForegroundColor = color;
            Console.WriteLine(text);
            Console.ResetColor();
        }
        else
        {
            Console.WriteLine(text);
        }
    }
}
