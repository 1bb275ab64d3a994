using System.Reflection;

namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>A contract instance and its transaction functions, found by reflection once at start-up.</summary>
internal sealed class ContractDescriptor
{
    public ContractDescriptor(object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Type type = instance.GetType();
        ContractAttribute attribute = type.GetCustomAttribute<ContractAttribute>()
            ?? throw new ArgumentException($"{type.Name} is not marked [Contract]", nameof(instance));
        Instance = instance;
        Name = attribute.Name ?? type.Name;
        if (Name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"contract name [{Name}] must not contain ':', which separates it from the function", nameof(instance));
        }

        IsMarkedDefault = attribute.Default;
        Title = attribute.Title;
        Version = attribute.Version;
        var transactions = new Dictionary<string, TransactionDescriptor>(StringComparer.Ordinal);
        foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<TransactionAttribute>() is { } transaction)
            {
                var descriptor = new TransactionDescriptor(method, transaction);
                if (!transactions.TryAdd(descriptor.Name, descriptor))
                {
                    throw new ArgumentException($"contract {Name} declares transaction {descriptor.Name} twice", nameof(instance));
                }
            }
        }

        Transactions = transactions;
    }

    public object Instance { get; }

    public string Name { get; }

    public bool IsMarkedDefault { get; }

    public string Title { get; }

    public string Version { get; }

    public IReadOnlyDictionary<string, TransactionDescriptor> Transactions { get; }
}
