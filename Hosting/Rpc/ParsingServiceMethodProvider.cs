using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Fabricish.Hosting.Rpc;

/// <summary>Binds a generated gRPC service as grpc-dotnet's own binder does, but with request messages that do not
/// parse refused as INVALID_ARGUMENT naming the message type. grpc-dotnet parses a unary or server-streaming request
/// before any interceptor or handler runs and answers a parse failure with UNKNOWN "Exception was thrown by handler";
/// only the request marshaller sees every request, so the refusal lives there, once for every method.</summary>
internal sealed partial class ParsingServiceMethodProvider<TService>(ILogger<ParsingServiceMethodProvider<TService>> logger) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        if (BindMethod(out Type? baseType) is not { } bind)
        {
            LogNoBindMethod(typeof(TService));
            return;
        }

        bind.Invoke(null, [new Binder(context, baseType!), null]);
    }

    /// <summary>The generated <c>BindService(ServiceBinderBase, TBase)</c> named by the service base class's
    /// <see cref="BindServiceMethodAttribute"/>.</summary>
    private static MethodInfo? BindMethod(out Type? baseType)
    {
        for (Type? type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                baseType = type;
                return attribute.BindType.GetMethod(
                    attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type]);
            }
        }

        baseType = null;
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No generated BindService method found for gRPC service {ServiceType}")]
    private partial void LogNoBindMethod(Type serviceType);

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type baseType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Parsing(method), Metadata(method.Name, [typeof(TRequest), typeof(ServerCallContext)], out MethodInfo target),
                Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(target));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Parsing(method), Metadata(method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out MethodInfo target),
                Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(target));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Parsing(method), Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)], out MethodInfo target),
                Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(target));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Parsing(method), Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out MethodInfo target),
                Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(target));

        private static Method<TRequest, TResponse> Parsing<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
            new(method.Type, method.ServiceName, method.Name, RequestParsing.Marshaller(method.RequestMarshaller), method.ResponseMarshaller);

        private static TDelegate Invoker<TDelegate>(MethodInfo target)
            where TDelegate : Delegate => (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), target);

        /// <summary>The service's override of the generated method, and the endpoint metadata grpc-dotnet gives it
        /// (the type's attributes, then the method's, then POST with CORS preflight).</summary>
        private List<object> Metadata(string name, Type[] parameters, out MethodInfo target)
        {
            target = Override(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(target.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }

        private MethodInfo? Override(string name, Type[] parameters)
        {
            for (Type? type = typeof(TService); type is not null; type = type.BaseType)
            {
                MethodInfo? method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null);
                if (method is null)
                {
                    return null;
                }

                // A method that only hides the generated one is not the service's implementation of it.
                if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == baseType)
                {
                    return method;
                }
            }

            return null;
        }
    }
}
