using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>JSON schemas for transaction parameters and results in the style of fabric-contract-api metadata:
/// primitives inline, object types by <c>$ref</c> into <c>components.schemas</c>.</summary>
internal sealed class JsonSchemas
{
    private readonly JsonSerializerOptions _json;
    private readonly NullabilityInfoContext _nullability = new();

    public JsonSchemas(JsonSerializerOptions json)
    {
        _json = json;
    }

    /// <summary>Object types met so far, by name.</summary>
    public SortedDictionary<string, JsonObject> Components { get; } = new(StringComparer.Ordinal);

    public JsonObject For(Type type)
    {
        Type actual = Nullable.GetUnderlyingType(type) ?? type;
        if (Primitive(actual) is { } primitive)
        {
            return primitive;
        }

        if (actual.IsEnum)
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (DictionaryValueType(actual) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = For(valueType) };
        }

        if (ElementType(actual) is { } elementType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = For(elementType) };
        }

        string name = actual.Name;
        if (!Components.ContainsKey(name))
        {
            // Registered before the properties are walked so that self-referencing types terminate.
            var component = new JsonObject();
            Components[name] = component;
            FillComponent(component, actual);
        }

        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }

    private void FillComponent(JsonObject component, Type type)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is null || property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            string name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? _json.PropertyNamingPolicy?.ConvertName(property.Name)
                ?? property.Name;
            properties[name] = For(property.PropertyType);
            if (_nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                required.Add(name);
            }
        }

        component["$id"] = type.Name;
        component["type"] = "object";
        component["properties"] = properties;
        component["required"] = required;
        component["additionalProperties"] = false;
    }

    private static JsonObject? Primitive(Type type)
    {
        (string Type, string? Format)? schema = Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => ("string", null),
            TypeCode.Boolean => ("boolean", null),
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 => ("integer", "int32"),
            TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => ("integer", "int64"),
            TypeCode.Single => ("number", "float"),
            TypeCode.Double or TypeCode.Decimal => ("number", "double"),
            TypeCode.DateTime => ("string", "date-time"),
            _ when type == typeof(DateTimeOffset) => ("string", "date-time"),
            _ when type == typeof(byte[]) => ("string", "byte"),
            _ => null,
        };
        if (schema is not { } found)
        {
            return null;
        }

        var result = new JsonObject { ["type"] = found.Type };
        if (found.Format is not null)
        {
            result["format"] = found.Format;
        }

        return result;
    }

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)
                && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                ?.GetGenericArguments()[0]
            : null;
    }
}
