using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Contact.Tests.Support;

/// <summary>A video room the stand-in created (Rooms resource), and its status: in-progress until completed.</summary>
public sealed record FakeTwilioRoom(string Sid, string UniqueName)
{
    public string Status { get; set; } = "in-progress";
}

/// <summary>The video side of the stand-in: Twilio Video's Rooms resource (video.twilio.com/v1/Rooms).</summary>
public sealed partial class FakeTwilio
{
    private readonly ConcurrentQueue<FakeTwilioRoom> rooms = new();

    public IReadOnlyList<FakeTwilioRoom> Rooms => [.. rooms];

    private void MapVideo(WebApplication app)
    {
        app.MapPost("/v1/Rooms", CreateRoom);
        app.MapPost("/v1/Rooms/{sid}", (string sid, HttpContext context) => UpdateRoom(sid, context));
    }

    /// <summary>As Twilio does, a room's unique name may not be that of another room in progress (error 53113).</summary>
    private async Task CreateRoom(HttpContext context)
    {
        if (await AnsweredBeforehandAsync(AccountSid, context)) return;
        var name = (await context.Request.ReadFormAsync())["UniqueName"].ToString();
        FakeTwilioRoom? room = null;
        lock (rooms)
        {
            if (!rooms.Any(r => r.UniqueName == name && r.Status == "in-progress"))
            {
                room = new FakeTwilioRoom("RM" + Guid.NewGuid().ToString("N"), name);
                rooms.Enqueue(room);
            }
        }
        if (room is null)
        {
            await Error(context, HttpStatusCode.BadRequest, 53113, "Room exists");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(RoomJson(room));
    }

    private async Task UpdateRoom(string sid, HttpContext context)
    {
        if (await AnsweredBeforehandAsync(AccountSid, context)) return;
        var room = rooms.FirstOrDefault(r => r.Sid == sid);
        if (room is null)
        {
            await Error(context, HttpStatusCode.NotFound, 20404, $"The requested resource /Rooms/{sid} was not found");
            return;
        }
        var status = (await context.Request.ReadFormAsync())["Status"].ToString();
        if (status != "completed")
        {
            await Error(context, HttpStatusCode.BadRequest, 53105, $"Invalid room status {status}");
            return;
        }
        room.Status = status;
        await context.Response.WriteAsJsonAsync(RoomJson(room));
    }

    private static Dictionary<string, object?> RoomJson(FakeTwilioRoom room) => new()
    {
        ["sid"] = room.Sid,
        ["account_sid"] = AccountSid,
        ["unique_name"] = room.UniqueName,
        ["status"] = room.Status,
        ["type"] = "group",
        ["url"] = $"https://video.twilio.com/v1/Rooms/{room.Sid}",
    };
}
