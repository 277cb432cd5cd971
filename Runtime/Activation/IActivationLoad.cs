namespace Contact.Orleans.Runtime.Activation;

/// <summary>A storage-backed part of a grain (a persistent state, the journal) read before OnActivateAsync.</summary>
internal interface IActivationLoad
{
    Task LoadAsync();
}
