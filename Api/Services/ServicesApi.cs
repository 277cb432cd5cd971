using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;

namespace Contact.Api.Services;

/// <param name="WrapUpSeconds">null: no wrap-up; 0: wrap-up without a limit; n: it ends after n seconds.</param>
public sealed record ServicePutRequest(string? Name, List<string>? Channels, int? WrapUpSeconds, int? OfferTimeoutSeconds,
    string? SmsNumber, bool? AcceptsCustomerSms, string? VoiceNumber = null);

public static class ServicesApi
{
    public const int MaxWrapUpSeconds = 86_400;
    public const int MinOfferTimeoutSeconds = 5;
    public const int MaxOfferTimeoutSeconds = 600;

    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder routes)
    {
        var services = routes.MapGroup("/api/v1/services").RequireAuthorization().WithTags("Services");
        services.MapPut("/{id}", PutService)
            .WithSummary("Create a service, or replace its settings").RequireAuthorization(Policies.Admin)
            .Produces<ServiceView>().Produces<ServiceView>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed").Refuses(StatusCodes.Status409Conflict, "sms-number-taken", "voice-number-taken");
        services.MapGet("/", async (IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Services).List();
            return Results.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IServiceQueueGrain>(id).GetView())));
        }).WithSummary("List the services").Produces<ServiceView[]>();
        services.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            Ids.IsValid(id) ? Results.Ok(await grains.GetGrain<IServiceQueueGrain>(id).GetView()) : Ids.Invalid("Service", "id"))
            .WithSummary("A service with its queue")
            .Produces<ServiceView>().Refuses(StatusCodes.Status400BadRequest, "invalid-id").Refuses(StatusCodes.Status404NotFound, "service-not-found");
        return routes;
    }

    private static async Task<IResult> PutService(string id, ServicePutRequest request, IGrainFactory grains, PhoneOptions phones)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValid(id)) errors["id"] = [Ids.Rule];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100) errors["name"] = ["required, at most 100 characters"];
        if (request.Channels is not { Count: > 0 } || request.Channels.Any(c => !Channels.All.Contains(c)))
        {
            errors["channels"] = [$"one or more of: {string.Join(", ", Channels.All)}"];
        }
        if (request.WrapUpSeconds is < 0 or > MaxWrapUpSeconds) errors["wrapUpSeconds"] = [$"null, or 0 to {MaxWrapUpSeconds}"];
        if (request.OfferTimeoutSeconds is < MinOfferTimeoutSeconds or > MaxOfferTimeoutSeconds)
        {
            errors["offerTimeoutSeconds"] = [$"{MinOfferTimeoutSeconds} to {MaxOfferTimeoutSeconds}"];
        }
        var smsNumber = request.SmsNumber is null ? null : PhoneField.Read(request.SmsNumber, phones.DefaultRegion, "smsNumber", errors);
        var voiceNumber = request.VoiceNumber is null ? null : PhoneField.Read(request.VoiceNumber, phones.DefaultRegion, "voiceNumber", errors);
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);

        var service = grains.GetGrain<IServiceQueueGrain>(id);
        var created = await service.Configure(new ServiceConfig(request.Name!.Trim(), request.Channels!.Distinct().ToArray(),
            request.WrapUpSeconds, request.OfferTimeoutSeconds ?? 30, smsNumber, request.AcceptsCustomerSms ?? false, voiceNumber));
        await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Services).Add(id);
        var view = await service.GetView();
        return created ? Results.Created($"/api/v1/services/{id}", view) : Results.Ok(view);
    }

}
