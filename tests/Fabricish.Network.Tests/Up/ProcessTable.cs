namespace Fabricish.Network.Tests.Up;

/// <summary>Whether a process runs, read from /proc: a zombie (exited, not yet reaped by whoever inherited it) does not.</summary>
public static class ProcessTable
{
    public static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }

        // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ')'.
        int close = stat.LastIndexOf(')');
        return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z';
    }
}
