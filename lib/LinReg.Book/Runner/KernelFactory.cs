using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace LinReg.Book.Runner;

/// <summary>
/// Builds the in-process kernel the runner executes a notebook in: a <see cref="CompositeKernel"/> holding one
/// <see cref="CSharpKernel"/> set up as the dotnet-interactive tool sets up its C# kernel (the <c>#r "nuget:"</c>
/// directive, the kernel helpers <c>display</c>/<c>HTML</c>, <c>#!who</c>, value sharing), plus what the tool does and
/// the packages do not: loading the kernel extensions that NuGet packages ship in
/// <c>interactive-extensions/dotnet/</c> (Plotly.NET.Interactive's chart formatter lives there).
/// </summary>
internal static class KernelFactory
{
    public static (CompositeKernel Composite, CSharpKernel CSharp) Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective(
                (kernel, packages) =>
                {
                    kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                    return Task.CompletedTask;
                },
                forceRestore: false)
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();

        var composite = new CompositeKernel();
        composite.Add(csharp, new[] { "c#", "C#" });
        composite.DefaultKernelName = csharp.Name;
        composite.UseImportMagicCommand();
        PackageExtensionLoader.Attach(composite);
        return (composite, csharp);
    }
}

/// <summary>
/// Loads kernel extensions from packages added with <c>#r "nuget:"</c>: after each command, for every package added
/// during it, every DLL in <c>&lt;package root&gt;/interactive-extensions/dotnet/</c> is loaded into the default
/// load context and each public non-abstract <see cref="IKernelExtension"/> in it is created and given the kernel
/// (<see cref="IKernelExtension.OnLoadAsync"/>), as the dotnet-interactive tool does. An assembly already loaded by
/// an earlier notebook in this process is reused (its extensions are still created anew for the new kernel, whose
/// formatters were reset).
/// </summary>
internal static class PackageExtensionLoader
{
    public static void Attach(CompositeKernel kernel)
    {
        var pending = new ConcurrentQueue<string>();
        var seenRoots = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        kernel.RegisterForDisposal(
            kernel.KernelEvents
                .OfType<PackageAdded>()
                .Subscribe(added =>
                {
                    var root = added.PackageReference?.PackageRoot;
                    if (!string.IsNullOrEmpty(root) && seenRoots.TryAdd(root, true))
                    {
                        pending.Enqueue(root);
                    }
                }));

        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var root))
            {
                var extensionDirectory = Path.Combine(root, "interactive-extensions", "dotnet");
                if (Directory.Exists(extensionDirectory))
                {
                    await LoadFromDirectoryAsync(extensionDirectory, kernel, context);
                }
            }
        });
    }

    private static async Task LoadFromDirectoryAsync(string directory, Kernel kernel, KernelInvocationContext context)
    {
        foreach (var dll in Directory.GetFiles(directory, "*.dll", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            Assembly assembly;
            try
            {
                assembly = LoadOnce(dll);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException)
            {
                context.Fail(context.Command, new KernelExtensionLoadException(e), $"Failed to load the kernel extension assembly {dll}: {e.Message}");
                return;
            }

            var extensionTypes = assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IKernelExtension).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (var type in extensionTypes)
            {
                try
                {
                    var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                    await extension.OnLoadAsync(kernel);
                    context.Publish(new KernelExtensionLoaded(extension, context.Command));
                }
                catch (Exception e)
                {
                    var inner = e is TargetInvocationException { InnerException: { } ie } ? ie : e;
                    context.Fail(context.Command, new KernelExtensionLoadException(inner), $"Failed to load kernel extension {type.FullName} from {dll}: {inner.GetType().Name}: {inner.Message}");
                    return;
                }
            }
        }
    }

    private static Assembly LoadOnce(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()) && a.GetName().Version == name.Version);
        return loaded ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
