namespace Contact.Grains.Accounts;

public sealed class AccountRecord
{
    public string PasswordHash { get; set; } = "";
    public string Salt { get; set; } = "";
    public int Iterations { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? AgentId { get; set; }
}
