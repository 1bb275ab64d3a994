using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fabricish.Hosting.Rpc;

/// <summary>How every Fabricish node answers a request message that does not parse: INVALID_ARGUMENT naming the
/// message type (e.g. <c>protos.SignedProposal</c>), where grpc-dotnet would answer UNKNOWN "Exception was thrown by
/// handler" (or a stream handler INTERNAL). Messages that parse but carry bad content stay with the services, which
/// answer them as Fabric does (in-band statuses for Broadcast and Deliver).</summary>
public static class RequestParsing
{
    /// <summary>Adds gRPC with every generated service bound through <see cref="ParsingServiceMethodProvider{TService}"/>
    /// instead of grpc-dotnet's binder. Use it instead of <c>AddGrpc</c>: a later <c>AddGrpc</c> would bring the
    /// default binder back and bind every method twice.</summary>
    public static IServiceCollection AddGrpcRefusingUnparsableRequests(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        foreach (ServiceDescriptor binder in services.Where(IsDefaultBinder).ToList())
        {
            services.Remove(binder);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(ParsingServiceMethodProvider<>)));
        return services;
    }

    /// <summary>A request marshaller that refuses bytes <paramref name="inner"/> cannot parse as INVALID_ARGUMENT.</summary>
    public static Marshaller<T> Marshaller<T>(Marshaller<T> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        string name = MessageName<T>();
        Func<DeserializationContext, T> parse = inner.ContextualDeserializer;
        return Marshallers.Create(inner.ContextualSerializer, context =>
        {
            try
            {
                return parse(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"the request is not a valid {name} message: {e.Message}"));
            }
        });
    }

    /// <summary>grpc-dotnet's internal <c>BinderServiceMethodProvider&lt;TService&gt;</c>, which this replaces.</summary>
    private static bool IsDefaultBinder(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IServiceMethodProvider<>)
        && descriptor.ImplementationType is { Name: "BinderServiceMethodProvider`1" } type
        && type.Assembly == typeof(IServiceMethodProvider<>).Assembly;

    private static string MessageName<T>() =>
        typeof(IMessage).IsAssignableFrom(typeof(T)) && Activator.CreateInstance(typeof(T)) is IMessage message
            ? message.Descriptor.FullName
            : typeof(T).Name;
}
