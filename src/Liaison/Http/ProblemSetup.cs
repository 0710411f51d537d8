using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Liaison.Http;

public static class ProblemSetup
{
    /// <summary>Every error leaves as RFC 9457 problem details, including the framework's own 400/404/405/415.</summary>
    public static IServiceCollection AddLiaisonProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<BadRequestProblems>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip);
        return services;
    }
}

/// <summary>
/// Turns body-binding failures into a 400 that names the field: a JSON error carries the path of the
/// offending value (e.g. <c>$.expiresInDays</c>), which we report as the field name.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        ProblemDetails problem;
        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json.Path is null or "$" ? "is not valid JSON" : "has the wrong type or format"],
            })
            {
                Title = "The request body could not be read",
                Status = bad.StatusCode,
            };
        }
        else
        {
            problem = new ProblemDetails { Title = "Bad request", Detail = bad.Message, Status = bad.StatusCode };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
