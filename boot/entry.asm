; entry.asm - from GRUB's hand-off to kmain(): the multiboot2 header, the 32-bit entry that
; checks it was booted properly and enters long mode, and the jump to the higher half.
;
; GRUB starts us in 32-bit protected mode, paging off, with eax = the multiboot2 magic and
; ebx = the physical address of the boot information. We:
;   1. check the magic and that the CPU has CPUID and long mode (else say why and halt);
;   2. build early page tables that map physical 0..1 GiB three times: identity (so the next
;      instruction after enabling paging still exists), at 0xffff800000000000 (the direct map)
;      and at 0xffffffff80000000 (where the kernel is linked);
;   3. enable PAE, long mode, no-execute and write-protect, then paging;
;   4. load a 64-bit GDT and far-jump into 64-bit code, which jumps to the higher half,
;      clears .bss, switches to the boot stack and calls kmain(magic, info).
; arch/x86_64/paging.c later replaces these tables and removes the identity map.
; See also: linker.ld, boot/grub.cfg, the multiboot2 specification (section 3.1).

MB2_MAGIC       equ 0xe85250d6          ; in the header, for GRUB
MB2_BOOT_MAGIC  equ 0x36d76289          ; in eax, from GRUB
KERNEL_VMA      equ 0xffffffff80000000
DIRECT_MAP      equ 0xffff800000000000
BOOT_STACK_SIZE equ 16384

PTE_PRESENT     equ 1 << 0
PTE_WRITE       equ 1 << 1
PTE_HUGE        equ 1 << 7              ; in a page directory entry: a 2 MiB page

; ---------------------------------------------------------------------------------------------
section .multiboot
align 8
mb2_header:
	dd MB2_MAGIC
	dd 0                                    ; architecture: i386 protected mode
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
	; end tag
	dw 0
	dw 0
	dd 8
mb2_header_end:

; ---------------------------------------------------------------------------------------------
section .boot.text
bits 32
global start32
start32:
	mov esp, boot_stack32_top
	mov [boot_magic], eax                   ; keep magic and info for kmain: the checks
	mov [boot_info_phys], ebx               ; below clobber every register

	cmp eax, MB2_BOOT_MAGIC
	jne .no_multiboot
	call has_long_mode
	test eax, eax
	jz .no_long_mode

	call build_early_page_tables
	call enable_long_mode
	lgdt [gdt64_pointer]
	jmp 0x08:start64_low

.no_multiboot:
	mov ebx, msg_no_multiboot
	jmp boot_fail
.no_long_mode:
	mov ebx, msg_no_long_mode
	jmp boot_fail

; has_long_mode - eax = 1 if CPUID exists and reports long mode, else 0.
has_long_mode:
	pushfd                                  ; CPUID exists if EFLAGS.ID (bit 21) can flip
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	jz .no
	mov eax, 0x80000000                     ; extended leaves present?
	cpuid
	cmp eax, 0x80000001
	jb .no
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29                       ; LM bit
	jz .no
	mov eax, 1
	ret
.no:
	xor eax, eax
	ret

; build_early_page_tables - one page directory of 512 2 MiB pages (0..1 GiB), shared by the
; three mappings: PML4[0] (identity), PML4[256] (direct map), PML4[511]/PDPT[510] (kernel).
build_early_page_tables:
	mov edi, early_pml4                     ; zero the four tables
	xor eax, eax
	mov ecx, 4 * 4096 / 4
	rep stosd

	mov eax, early_pdpt_low + PTE_PRESENT + PTE_WRITE
	mov [early_pml4 + 0 * 8], eax
	mov [early_pml4 + 256 * 8], eax
	mov eax, early_pdpt_high + PTE_PRESENT + PTE_WRITE
	mov [early_pml4 + 511 * 8], eax

	mov eax, early_pd + PTE_PRESENT + PTE_WRITE
	mov [early_pdpt_low + 0 * 8], eax
	mov [early_pdpt_high + 510 * 8], eax

	mov edi, early_pd                       ; 512 entries: physical 0, 2 MiB, 4 MiB, ...
	mov eax, PTE_PRESENT + PTE_WRITE + PTE_HUGE
	mov ecx, 512
.next_pde:
	mov [edi], eax
	add eax, 0x200000
	add edi, 8
	loop .next_pde
	ret

; enable_long_mode - CR4.PAE, CR3, EFER.LME|NXE, then CR0.PG|WP: we are in compatibility mode.
enable_long_mode:
	mov eax, cr4
	or eax, 1 << 5                          ; PAE
	mov cr4, eax
	mov eax, early_pml4
	mov cr3, eax
	mov ecx, 0xc0000080                     ; IA32_EFER
	rdmsr
	or eax, (1 << 8) | (1 << 11)            ; LME, NXE
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16)           ; PG, WP
	mov cr0, eax
	ret

; boot_fail - print the string at ebx on COM1 (no set-up needed under QEMU or a real 16550
; left configured by the firmware), then halt for good.
boot_fail:
	mov dx, 0x3f8
.next_char:
	mov al, [ebx]
	test al, al
	jz .halt
	out dx, al
	inc ebx
	jmp .next_char
.halt:
	cli
	hlt
	jmp .halt

; ---------------------------------------------------------------------------------------------
bits 64
start64_low:
	mov edi, [boot_magic]                   ; kmain's two arguments (rdi, rsi); 32-bit loads
	mov esi, [boot_info_phys]               ; zero-extend into the 64-bit registers
	mov rax, start64_high                   ; an absolute jump into the higher half
	jmp rax

section .text
bits 64
extern kmain
extern __bss_start
extern __bss_end
start64_high:
	xor eax, eax                            ; data segments are ignored in long mode; null them
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax

	mov rdx, rdi                            ; clear .bss (the boot stack is in it), keeping
	mov r8, rsi                             ; magic and info in rdx/r8 meanwhile
	mov rdi, __bss_start
	mov rcx, __bss_end
	sub rcx, rdi
	xor eax, eax
	rep stosb
	mov rdi, rdx
	mov rsi, r8

	mov rsp, boot_stack_top
	xor ebp, ebp                            ; the end of every backtrace
	push rbp
	call kmain                              ; kmain(magic, info_phys); it does not return
.hang:
	cli
	hlt
	jmp .hang

; ---------------------------------------------------------------------------------------------
section .boot.data
align 8
gdt64:
	dq 0                                    ; null
	dq 0x00af9a000000ffff                   ; 0x08: 64-bit code, ring 0
	dq 0x00cf92000000ffff                   ; 0x10: data, ring 0
gdt64_end:
gdt64_pointer:
	dw gdt64_end - gdt64 - 1
	dq gdt64

boot_magic:      dd 0
boot_info_phys:  dd 0

msg_no_multiboot: db "reaper: not started by a multiboot2 boot loader (bad magic in eax)", 13, 10, 0
msg_no_long_mode: db "reaper: this CPU has no 64-bit long mode", 13, 10, 0

section .boot.bss nobits
align 4096
early_pml4:      resb 4096
early_pdpt_low:  resb 4096
early_pdpt_high: resb 4096
early_pd:        resb 4096
boot_stack32:    resb 1024
boot_stack32_top:

section .bss
align 16
global boot_stack
boot_stack:      resb BOOT_STACK_SIZE
global boot_stack_top
boot_stack_top:
