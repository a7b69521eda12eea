namespace Ml.Recurrent.Training;

/// <summary>What <see cref="RecurrentShare.Choose"/> found on the validation rows.</summary>
internal readonly record struct RecurrentShareChoice(double Share, double FullLoss, double FullAccuracy,
    double ChosenLoss, double ChosenAccuracy);
