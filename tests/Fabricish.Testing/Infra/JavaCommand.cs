using System.Globalization;

namespace Fabricish.Testing.Infra;

/// <summary>The java command line for Kafka 0.9's and ZooKeeper 3.4's main classes, bypassing the distribution's
/// shell scripts, whose GC flags Java 17 rejects.</summary>
internal static class JavaCommand
{
    /// <summary>Small heaps, the serial collector and C1 only: four JVMs share two cores with the tests, and
    /// start-up time matters more here than peak throughput.</summary>
    public static IEnumerable<string> Args(string scratch, int maxHeapMb, string mainClass, params string[] mainArgs)
    {
        string log4j = Path.Combine(scratch, "log4j.properties");
        if (!File.Exists(log4j))
        {
            File.Copy(Path.Combine(RepoPaths.Root, "tools", "network", "log4j.properties"), log4j, overwrite: true);
        }

        return
        [
            "-Xms32m",
            string.Create(CultureInfo.InvariantCulture, $"-Xmx{maxHeapMb}m"),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-Djava.net.preferIPv4Stack=true",
            "-Dlog4j.configuration=file:" + log4j,
            "-cp",
            InfraPaths.KafkaClassPath,
            mainClass,
            .. mainArgs,
        ];
    }
}
