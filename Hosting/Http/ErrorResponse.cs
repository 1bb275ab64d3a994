using System.Text.Json.Serialization;

namespace Fabricish.Hosting.Http;

/// <summary>Fabric's <c>types.ErrorResponse</c>, the body of every participation API failure.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);
