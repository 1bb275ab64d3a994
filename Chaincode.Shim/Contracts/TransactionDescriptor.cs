using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>One transaction function: how its string arguments bind to parameters and how its result becomes
/// the response payload.</summary>
internal sealed class TransactionDescriptor
{
    private readonly MethodInfo _method;
    private readonly bool _takesContext;

    public TransactionDescriptor(MethodInfo method, TransactionAttribute attribute)
    {
        _method = method;
        Name = attribute.Name ?? method.Name;
        Submit = attribute.Submit;
        ParameterInfo[] all = method.GetParameters();
        _takesContext = all.Length > 0 && all[0].ParameterType == typeof(Context);
        Parameters = _takesContext ? all[1..] : all;
        if (Parameters.Any(p => p.ParameterType == typeof(Context)))
        {
            throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name}: a Context parameter must come first");
        }

        ResultType = UnwrapTask(method.ReturnType);
    }

    public string Name { get; }

    public bool Submit { get; }

    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>The awaited result type; null for void and Task.</summary>
    public Type? ResultType { get; }

    /// <summary>Runs the function. Argument problems are the caller's fault and come back as error text.</summary>
    public async Task<(byte[]? Payload, string? Error)> InvokeAsync(object contract, Context context, IReadOnlyList<string> args, JsonSerializerOptions json)
    {
        if (args.Count != Parameters.Count)
        {
            return (null, $"Expected {Parameters.Count} parameters, but {args.Count} have been supplied");
        }

        var values = new List<object?>(Parameters.Count + 1);
        if (_takesContext)
        {
            values.Add(context);
        }

        for (int i = 0; i < args.Count; i++)
        {
            ParameterInfo parameter = Parameters[i];
            try
            {
                values.Add(parameter.ParameterType == typeof(string) ? args[i] : JsonSerializer.Deserialize(args[i], parameter.ParameterType, json));
            }
            catch (JsonException ex)
            {
                return (null, $"Error managing parameter {parameter.Name}: {ex.Message}");
            }
        }

        object? returned;
        try
        {
            returned = _method.Invoke(contract, [.. values]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return (null, ex.InnerException.Message);
        }

        object? result;
        try
        {
            result = await AwaitResultAsync(returned).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A contract rejects a transaction by throwing, as in fabric-contract-api.
            return (null, ex.Message);
        }

        return (ToPayload(result, json), null);
    }

    private async Task<object?> AwaitResultAsync(object? returned)
    {
        if (returned is not Task task)
        {
            return returned;
        }

        await task.ConfigureAwait(false);
        return ResultType is null ? null : task.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(task);
    }

    private byte[] ToPayload(object? result, JsonSerializerOptions json) => result switch
    {
        null => [],
        string text => Encoding.UTF8.GetBytes(text),
        byte[] raw => raw,
        _ => JsonSerializer.SerializeToUtf8Bytes(result, ResultType ?? result.GetType(), json),
    };

    private static Type? UnwrapTask(Type returnType)
    {
        if (returnType == typeof(void) || returnType == typeof(Task))
        {
            return null;
        }

        return returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? returnType.GetGenericArguments()[0]
            : returnType;
    }
}
