using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Campaigns;
using Contact.Grains.Interfaces;
using Microsoft.AspNetCore.Http.Features;

namespace Contact.Api.Campaigns;

/// <summary>Campaigns for administrators (settings, agents, lists, start and stop) and supervisors (views, stats).</summary>
public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder routes)
    {
        var campaigns = routes.MapGroup("/api/v1/campaigns").RequireAuthorization(Policies.Supervisor).WithTags("Campaigns");
        campaigns.MapPut("/{id}", PutCampaign)
            .WithSummary("Create a campaign, or replace its settings").RequireAuthorization(Policies.Admin)
            .Produces<CampaignView>().Produces<CampaignView>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        campaigns.MapGet("/", async (IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Campaigns).List();
            return Results.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<ICampaignGrain>(id).GetView())));
        }).WithSummary("List the campaigns").Produces<CampaignView[]>();
        campaigns.MapGet("/{id}", (string id, IGrainFactory grains) =>
            OnCampaign(id, grains, async campaign => Results.Ok(await campaign.GetView())))
            .WithSummary("A campaign with its settings and agents").Produces<CampaignView>().RefusesLikeOnCampaign();
        campaigns.MapPut("/{id}/agents/{agentId}", (string id, string agentId, IGrainFactory grains) =>
            Ids.IsValid(agentId) ? OnCampaign(id, grains, async campaign =>
            {
                await campaign.AddAgent(agentId);
                return Results.Ok(await campaign.GetView());
            }) : Task.FromResult(Ids.Invalid("Agent", "agentId")))
            .WithSummary("Add an agent to the campaign").RequireAuthorization(Policies.Admin)
            .Produces<CampaignView>().RefusesLikeOnCampaign().Refuses(StatusCodes.Status404NotFound, "agent-not-found");
        campaigns.MapDelete("/{id}/agents/{agentId}", (string id, string agentId, IGrainFactory grains) =>
            Ids.IsValid(agentId) ? OnCampaign(id, grains, async campaign =>
            {
                await campaign.RemoveAgent(agentId);
                return Results.Ok(await campaign.GetView());
            }) : Task.FromResult(Ids.Invalid("Agent", "agentId")))
            .WithSummary("Take an agent off the campaign").RequireAuthorization(Policies.Admin)
            .Produces<CampaignView>().RefusesLikeOnCampaign().Refuses(StatusCodes.Status404NotFound, "agent-not-found");
        campaigns.MapPost("/{id}/lists", ImportList)
            .WithSummary("Load a calling list (CSV) into the campaign").RequireAuthorization(Policies.Admin)
            .Accepts<string>("text/csv", "application/csv").Produces<ImportReport>(StatusCodes.Status202Accepted).RefusesLikeOnCampaign()
            .Refuses(StatusCodes.Status400BadRequest, "csv-malformed")
            .Refuses(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type");
        campaigns.MapGet("/{id}/imports", (string id, IGrainFactory grains) =>
            OnCampaign(id, grains, async campaign =>
            {
                // An unknown campaign is not found, not a campaign without imports.
                await campaign.GetView();
                var ids = await grains.GetGrain<IDirectoryGrain>(CallingListImporter.ImportsOf(id)).List();
                var reports = await Task.WhenAll(ids.Select(importId => grains.GetGrain<ICallingListImportGrain>(importId).Get()));
                // The list without each report's errors, which GET .../imports/{importId} gives.
                return Results.Ok(reports.OrderBy(r => r.StartedAt).Select(r => r with { Errors = [] }));
            }))
            .WithSummary("The campaign's calling-list imports").Produces<ImportReport[]>().RefusesLikeOnCampaign();
        campaigns.MapGet("/{id}/imports/{importId}", (string id, string importId, IGrainFactory grains) =>
            OnCampaign(id, grains, async campaign =>
            {
                if (!Ids.IsValid(importId)) return Ids.Invalid("Import", "importId");
                await campaign.GetView();
                var report = await grains.GetGrain<ICallingListImportGrain>(importId).Get();
                return report.CampaignId == id ? Results.Ok(report)
                    : Problem.Of(StatusCodes.Status404NotFound, "import-not-found", "Not found.", $"Campaign '{id}' has no import '{importId}'.");
            }))
            .WithSummary("One import with its rejected rows").Produces<ImportReport>().RefusesLikeOnCampaign().Refuses(StatusCodes.Status404NotFound, "import-not-found");
        campaigns.MapPost("/{id}/start", (string id, IGrainFactory grains) =>
            OnCampaign(id, grains, async campaign => Results.Ok(await campaign.Start())))
            .WithSummary("Start the campaign").RequireAuthorization(Policies.Admin)
            .Produces<CampaignView>().RefusesLikeOnCampaign().Refuses(StatusCodes.Status409Conflict, "service-without-voice")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "voice-not-configured");
        campaigns.MapPost("/{id}/stop", (string id, IGrainFactory grains) =>
            OnCampaign(id, grains, async campaign => Results.Ok(await campaign.Stop())))
            .WithSummary("Stop the campaign").RequireAuthorization(Policies.Admin)
            .Produces<CampaignView>().RefusesLikeOnCampaign();
        campaigns.MapGet("/{id}/stats", (string id, IGrainFactory grains) =>
            OnCampaign(id, grains, async campaign => Results.Ok(await campaign.GetStats())))
            .WithSummary("The campaign's record counts and outcomes").Produces<CampaignStats>().RefusesLikeOnCampaign();
        return routes;
    }

    private static async Task<IResult> PutCampaign(string id, CampaignPutRequest request, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValid(id)) errors["id"] = [Ids.Rule];
        var config = CampaignValidation.Check(request, errors);
        if (!errors.ContainsKey("serviceId") && !await Lookup.FindsAsync(grains.GetGrain<IServiceQueueGrain>(request.ServiceId!).GetView())) errors["serviceId"] = [$"there is no service '{request.ServiceId}'"];
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);

        var campaign = grains.GetGrain<ICampaignGrain>(id);
        var created = await campaign.Configure(config!);
        await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Campaigns).Add(id);
        var view = await campaign.GetView();
        return created ? Results.Created($"/api/v1/campaigns/{id}", view) : Results.Ok(view);
    }

    /// <summary>
    /// The list streams from the request into the database; the answer comes once it is loaded,
    /// with the whole report, and the report stays readable under its import id.
    /// </summary>
    private static Task<IResult> ImportList(string id, HttpContext context, IGrainFactory grains, CallingListImporter importer) =>
        OnCampaign(id, grains, async campaign =>
        {
            if (context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() is not ("text/csv" or "application/csv"))
            {
                return Problem.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the list as text/csv.",
                    "The body must be CSV with a header row; Content-Type: text/csv.");
            }
            await campaign.GetView();
            // Lists of millions of rows are far larger than Kestrel's default body limit; they stream, so none is needed.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
            var importId = CallingListImporter.NewImportId();
            var report = await importer.ImportAsync(id, importId, context.Request.Body, context.RequestAborted);
            return Results.Accepted($"/api/v1/campaigns/{id}/imports/{importId}", report);
        });

    private static RouteHandlerBuilder RefusesLikeOnCampaign(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "invalid-id").Refuses(StatusCodes.Status404NotFound, "campaign-not-found");

    private static async Task<IResult> OnCampaign(string id, IGrainFactory grains, Func<ICampaignGrain, Task<IResult>> call) =>
        Ids.IsValid(id) ? await call(grains.GetGrain<ICampaignGrain>(id)) : Ids.Invalid("Campaign", "id");
}
