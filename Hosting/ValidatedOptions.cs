using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fabricish.Hosting;

/// <summary>How a node component registers its options record: validated by its validator when the host starts, so
/// bad settings stop the host with the validator's messages instead of failing the first request.</summary>
public static class ValidatedOptions
{
    /// <summary>Registers <typeparamref name="TValidator"/> (once, however often this is called) and validation at
    /// start; the caller binds the returned builder to its configuration section or code.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().ValidateOnStart();
    }
}
