package dev.connectnow.workspace.workspace;

public record InviteCodeView(String inviteCode) {}
