using System.Resources;
using Microsoft.Extensions.Localization;

// The assembly is named "liaison" but its resources are named after the root namespace "Liaison";
// without this the localizer would look for "liaison.Resources.…" and silently fall back to the keys.
[assembly: RootNamespace("Liaison")]
[assembly: NeutralResourcesLanguage("en")]

namespace Liaison;

/// <summary>
/// Marker for the UI strings in <c>Resources/SharedResource.resx</c> (English, also the fallback for any key
/// a translation lacks), <c>SharedResource.fa.resx</c> and <c>SharedResource.ur.resx</c>.
/// </summary>
public sealed class SharedResource;
