namespace Fabricish.Orderer.MsgProcessor;

/// <summary>How broadcast treats a message, by its channel header type (Fabric's <c>msgprocessor.Classification</c>).</summary>
public enum MessageClassification
{
    /// <summary>Ordered as is: endorser transactions and any other type not listed below.</summary>
    NormalMsg,

    /// <summary>A CONFIG_UPDATE, which the orderer authorizes and turns into a CONFIG envelope.</summary>
    ConfigUpdateMsg,

    /// <summary>CONFIG or ORDERER_TRANSACTION, which only the orderer itself may produce.</summary>
    ConfigMsg,
}
